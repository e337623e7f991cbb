using Islet.Cli;

return IsletCommandLine.Invoke(args, CliEnvironment.FromProcess());
