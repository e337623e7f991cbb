using System.Text;
using Islet.Store.Git;

namespace Islet.Store.Tests.Git;

/// <summary>Objects shaped like git's, for tests that must run without git.</summary>
internal static class GitSamples
{
    public const string TreeId = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    public const string ParentId = "ce013625030ba8dba906f756967f9e9ca394464a";

    public static byte[] Commit => Encoding.UTF8.GetBytes(
        $"tree {TreeId}\nparent {ParentId}\nparent {TreeId}\n" +
        "author A U Thor <author@example.org> 1700000000 +0530\n" +
        "committer C O Mitter <committer@example.org> 1700000100 -0800\n" +
        "encoding ISO-8859-1\n" +
        "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAAB\n -----END PGP SIGNATURE-----\n" +
        "\nSubject line\n\nBody over\ntwo lines.\n");

    public static byte[] Tag => Encoding.UTF8.GetBytes(
        $"object {ParentId}\ntype commit\ntag v1.0\ntagger T Agger <t@example.org> 1700000200 +0000\n\nRelease 1.0\n");

    public static byte[] Tree
    {
        get
        {
            GitObjectId id = GitObjectId.Parse(ParentId);
            return new GitTree([
                new GitTreeEntry(GitTreeEntry.RegularFile, "a.txt", id),
                new GitTreeEntry(GitTreeEntry.Directory, "a", GitObjectId.Parse(TreeId)),
                new GitTreeEntry(GitTreeEntry.ExecutableFile, "a0", id),
                new GitTreeEntry(GitTreeEntry.Symlink, "link", id),
                new GitTreeEntry(GitTreeEntry.Gitlink, "module", id),
            ]).ToBytes();
        }
    }

    public static IEnumerable<(GitObjectType Type, byte[] Content)> All =>
        [(GitObjectType.Commit, Commit), (GitObjectType.Tag, Tag), (GitObjectType.Tree, Tree), (GitObjectType.Blob, "blob\n"u8.ToArray())];
}
