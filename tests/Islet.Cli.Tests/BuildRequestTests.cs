using Islet.Cli.Building;
using Islet.Cli.Projects;
using Islet.Cli.Targets;

namespace Islet.Cli.Tests;

public sealed class BuildRequestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Publish_arguments_select_the_target_and_its_properties()
    {
        string path = _temp.WriteFile("www.csproj", "<Project />");
        var project = IsletProject.Load(path);
        var request = new BuildRequest(project, new UnixTarget(), project.DefaultOutputDirectory("unix"), "Release");

        Assert.Equal(
            ["publish", path, "-c", "Release", "-r", "linux-x64", "-o", _temp.Combine("bin", "islet", "unix"),
             "-p:IsletTarget=unix", "-p:PublishAot=true", "-p:IsletSealImage=true", "-nologo"],
            request.ToPublishArguments());
        Assert.Equal(_temp.Combine("bin", "islet", "unix", "www"), request.ImagePath);
    }

    [Fact]
    public void Image_is_stale_when_missing_or_older_than_a_source()
    {
        string path = _temp.WriteFile("www.csproj", "<Project />");
        _temp.WriteFile("site/index.html", "hi");
        var project = IsletProject.Load(path);
        string image = _temp.Combine("bin", "islet", "unix", "www");
        Assert.True(SourceFreshness.NeedsBuild(project, image));

        _temp.WriteFile("bin/islet/unix/www", "image");
        var past = DateTime.UtcNow.AddMinutes(-10);
        foreach (string source in new[] { path, _temp.Combine("site", "index.html") }) File.SetLastWriteTimeUtc(source, past);
        Assert.False(SourceFreshness.NeedsBuild(project, image));

        // Files under bin/ and obj/ are outputs, not sources.
        _temp.WriteFile("obj/project.assets.json", "{}");
        Assert.False(SourceFreshness.NeedsBuild(project, image));

        File.SetLastWriteTimeUtc(_temp.Combine("site", "index.html"), DateTime.UtcNow.AddMinutes(1));
        Assert.True(SourceFreshness.NeedsBuild(project, image));
    }

    [Fact]
    public void Project_reads_literal_target_and_assembly_name()
    {
        string path = _temp.WriteFile("a.csproj", """
            <Project>
              <PropertyGroup><IsletTarget>hvt</IsletTarget><AssemblyName>server</AssemblyName></PropertyGroup>
              <PropertyGroup Condition="'$(X)' == 'y'"><IsletTarget>spt</IsletTarget></PropertyGroup>
            </Project>
            """);
        var project = IsletProject.Load(path);
        Assert.Equal("hvt", project.DeclaredTarget);
        Assert.Equal("server", project.AssemblyName);
        Assert.Equal("a", project.Name);
    }
}
