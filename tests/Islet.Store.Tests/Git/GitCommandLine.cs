namespace Islet.Store.Tests.Git;

/// <summary>Runs git (through bash, with no user or system configuration) in a test's directory.</summary>
internal static class GitCommandLine
{
    /// <summary>Runs <paramref name="script"/> with bash in <paramref name="directory"/> and returns its output; fails the test when it fails.</summary>
    public static string Script(string directory, string script)
    {
        string prelude = "set -e -o pipefail; export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C TZ=UTC; cd \"$0\"\n";
        (int exit, string output) = ExternalTool.Run("bash", "-c", prelude + script, directory);
        Assert.True(exit == 0, $"git script failed ({exit}): {output}\n{script}");
        return output;
    }

    /// <summary>
    /// A repository made with git's command line: files, an executable, a symlink, nested
    /// directories, a gitlink, commits in +0530 and -0800, a multi-line message, a merge, an
    /// annotated tag, and a hand-written commit with <c>encoding</c>, <c>mergetag</c> and <c>gpgsig</c>
    /// headers. Returns the repository's directory (the .git directory is inside).
    /// </summary>
    public static string MakeSampleRepository()
    {
        string directory = ExternalTool.TempDirectory("islet-git-");
        Script(directory, """
            git init -q -b main .
            git config user.name 'A U Thor'
            git config user.email author@example.org
            export GIT_AUTHOR_DATE='1700000000 +0530' GIT_COMMITTER_DATE='1700000100 +0530'
            echo hello > a.txt
            printf '#!/bin/sh\necho hi\n' > run.sh && chmod +x run.sh
            ln -s a.txt link
            mkdir -p dir/sub && echo x > dir/sub/x && echo y > dir/y && echo z > a-b && echo w > dir.txt
            git add -A && git commit -q -m first
            git checkout -q -b side
            echo side > side.txt && git add side.txt
            GIT_COMMITTER_DATE='1700000200 -0800' git commit -q -m "$(printf 'side work\n\nA longer body\nover two lines.')"
            git checkout -q main
            echo m > main.txt && git add main.txt
            git update-index --add --cacheinfo "160000,$(git rev-parse HEAD),module"
            git commit -q -m 'main work with a gitlink'
            git merge -q --no-ff -m 'merge side' side
            git tag -a v1 -m 'version 1'
            tree=$(git rev-parse 'HEAD^{tree}'); head=$(git rev-parse HEAD); tag=$(git rev-parse v1)
            {
              printf 'tree %s\nparent %s\n' "$tree" "$head"
              printf 'author X Y <x@example.org> 1700000300 +0000\ncommitter X Y <x@example.org> 1700000300 -0130\n'
              printf 'encoding ISO-8859-1\n'
              printf 'mergetag object %s\n type commit\n tag v1\n tagger A U Thor <author@example.org> 1700000100 +0530\n \n version 1\n' "$head"
              printf 'gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n =abcd\n -----END PGP SIGNATURE-----\n'
              printf '\nsigned-looking commit\n\nwith a body\n'
            } > .git/crafted
            id=$(git hash-object -t commit -w .git/crafted)
            git update-ref refs/heads/signed "$id"
            rm .git/crafted
            """);
        return directory;
    }

    /// <summary>Every object reachable from any ref, as (id, type name).</summary>
    public static List<(string Id, string Type)> AllObjects(string directory) =>
        Script(directory, "git rev-list --objects --all | cut -d' ' -f1 | git cat-file --batch-check='%(objectname) %(objecttype)'")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
}
