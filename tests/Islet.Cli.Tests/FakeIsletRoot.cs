namespace Islet.Cli.Tests;

/// <summary>A directory that looks like an Islet root (it has build/Islet.targets), for <c>islet new</c>.</summary>
internal static class FakeIsletRoot
{
    public static string Create(TempDirectory temp)
    {
        temp.WriteFile("islet/build/Islet.props", "<Project />");
        temp.WriteFile("islet/build/Islet.targets", "<Project />");
        return temp.Combine("islet");
    }
}
