using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using Xunit;

namespace Islet.Platform.Tests.Content;

/// <summary>
/// build/Islet.targets end to end: a small application with a content folder builds, its
/// generated store holds the files, and the module initializer registers it. Builds with
/// --no-dependencies against the projects this test assembly was built with (about 10 s).
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private readonly string _app = Path.Combine(Path.GetTempPath(), "islet-app-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_app, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void An_application_with_a_content_folder_builds_and_serves_it()
    {
        var repo = FindRepositoryRoot();
        Directory.CreateDirectory(Path.Combine(_app, "site", "css"));
        Directory.CreateDirectory(Path.Combine(_app, "site", ".git"));
        File.WriteAllText(Path.Combine(_app, "site", "index.html"), "<h1>baked baked baked baked baked</h1>\n");
        File.WriteAllText(Path.Combine(_app, "site", "css", "site.css"), "body { margin: 0; }\n");
        File.WriteAllText(Path.Combine(_app, "site", ".git", "HEAD"), "hidden\n");
        File.WriteAllText(Path.Combine(_app, "site", "stray.cs"), "this is not C#");
        File.WriteAllText(Path.Combine(_app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{repo}/build/Islet.props" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net9.0</TargetFramework>
                <RollForward>Major</RollForward>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <IsletContent Include="site" />
              </ItemGroup>
              <Import Project="{repo}/build/Islet.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(_app, "Program.cs"), """
            var store = Islet.Generated.SiteContent.Store;
            foreach (var key in store.List())
            {
                store.TryGetInfo(key, out var info);
                Console.WriteLine($"{key} {info.Size} {info.GzipSize >= 0} {info.Digest}");
            }
            Console.WriteLine(Islet.Unikernel.Binding?.GetType().FullName);
            """);

        var configuration = typeof(BuildIntegrationTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        Run(_app, "build", "--no-dependencies", "--disable-build-servers", "-c", configuration, "-v:q", "-nologo");
        var output = Run(_app, "exec", Path.Combine(_app, "bin", configuration, "net9.0", "App.dll"));

        var index = File.ReadAllBytes(Path.Combine(_app, "site", "index.html"));
        var css = File.ReadAllBytes(Path.Combine(_app, "site", "css", "site.css"));
        Assert.Equal(
            [
                $"css/site.css {css.Length} False {Convert.ToHexStringLower(SHA256.HashData(css))}",
                $"index.html {index.Length} True {Convert.ToHexStringLower(SHA256.HashData(index))}",
                $"stray.cs 14 False {Convert.ToHexStringLower(SHA256.HashData("this is not C#"u8))}",
                "Islet.Platform.Unix.UnixBinding",
            ],
            output.TrimEnd().Split('\n'));
    }

    private static string Run(string directory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("SOURCE_DATE_EPOCH");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed:\n{stdout}\n{stderr.Result}");
        return stdout;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build", "Islet.targets"))) return directory.FullName;
        }
        throw new InvalidOperationException("build/Islet.targets not found above " + AppContext.BaseDirectory);
    }
}
