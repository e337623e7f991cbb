using Islet.Crunch;

// Exit codes: 0 done, 1 usage, 2 the folder cannot be baked (bad name, unreadable file).
// Errors use the canonical "origin: error CODE: text" form, which MSBuild's Exec task reports
// as build errors.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CrunchOptions.Usage);
    return 0;
}

var options = CrunchOptions.TryParse(args, out var usageError);
if (options is null)
{
    Console.Error.WriteLine($"Islet.Crunch: error ISLET1001: {usageError}");
    Console.Error.WriteLine(CrunchOptions.Usage);
    return 1;
}
if (!CrunchOptions.TryReadSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out var epoch))
{
    Console.Error.WriteLine("Islet.Crunch: error ISLET1002: SOURCE_DATE_EPOCH is not a number of seconds.");
    return 1;
}

try
{
    var content = ContentFolder.Crunch(options.Folder, epoch);
    var text = BakedContentWriter.Generate(content, options.Name, options.Namespace, options.ClassName);
    var wrote = BakedContentWriter.WriteIfChanged(options.OutputPath, text);
    Console.WriteLine($"Islet.Crunch: {options.Name}: {content.Entries.Count} values, {content.Blob.Length} bytes -> {options.OutputPath}{(wrote ? "" : " (unchanged)")}");
    return 0;
}
catch (ContentFolderException e)
{
    Console.Error.WriteLine($"{e.Path}: error ISLET1003: {e.Message}");
    return 2;
}
catch (DirectoryNotFoundException e)
{
    Console.Error.WriteLine($"{options.Folder}: error ISLET1004: {e.Message}");
    return 2;
}
