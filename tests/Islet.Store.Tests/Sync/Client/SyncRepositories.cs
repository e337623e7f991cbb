using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Sync.Client;

/// <summary>Repositories made by real git for the sync tests, and the checks git makes on them.</summary>
internal static class SyncRepositories
{
    /// <summary>
    /// A bare repository made with <c>git fast-import</c>: <paramref name="commits"/> commits on main
    /// touching a few files each, a branch <c>feature</c> of 40 commits forked halfway and merged
    /// back, a branch <c>old</c>, a lightweight tag and two annotated tags; then <c>git gc --aggressive</c>.
    /// </summary>
    public static string MakeSource(string directory, int commits)
    {
        GitCommandLine.Script(directory, $$"""
            git init -q --bare -b main source.git
            {
              t=1700000000
              for i in $(seq 1 {{commits}}); do
                echo "commit refs/heads/main"; echo "mark :$i"
                echo "committer A U Thor <a@example.org> $((t+i)) +0100"
                echo "data <<EOT"; echo "main commit $i"; echo "EOT"
                if [ $i -gt 1 ]; then echo "from :$((i-1))"; fi
                if [ $i -eq {{commits}} ]; then echo "merge :$(( {{commits}} + 40 ))"; fi
                echo "M 100644 inline src/file$((i % 13)).txt"; echo "data <<EOT"
                for l in $(seq 1 30); do echo "line $l of file $((i % 13)) at $((i - i % 5))"; done
                echo "EOT"
                echo "M 100644 inline notes/n$((i % 7))/log.txt"; echo "data <<EOT"; echo "note $i"; echo "EOT"
                if [ $i -eq $(( {{commits}} / 2 )) ]; then
                  for j in $(seq 1 40); do
                    echo "commit refs/heads/feature"; echo "mark :$(( {{commits}} + j ))"
                    echo "committer B Dev <b@example.org> $((t+i*2+j)) -0700"
                    echo "data <<EOT"; echo "feature $j"; echo "EOT"
                    if [ $j -eq 1 ]; then echo "from :$i"; else echo "from :$(( {{commits}} + j - 1 ))"; fi
                    echo "M 100644 inline feature/f$((j % 4)).txt"; echo "data <<EOT"; echo "feature $j"; echo "EOT"
                  done
                  echo "reset refs/heads/old"; echo "from :$i"
                  echo "tag v0.5"; echo "from :$i"; echo "tagger A U Thor <a@example.org> $((t+i)) +0100"
                  echo "data <<EOT"; echo "half way"; echo "EOT"
                fi
              done
              echo "reset refs/tags/light"; echo "from :10"
              echo "tag v1.0"; echo "from :{{commits}}"; echo "tagger A U Thor <a@example.org> $((t+9999)) +0100"
              echo "data <<EOT"; echo "release"; echo "EOT"
            } | git -C source.git fast-import --quiet
            git -C source.git gc -q --aggressive
            """);
        return Path.Combine(directory, "source.git");
    }

    /// <summary>Fails the test unless <c>git fsck --strict</c> is clean in <paramref name="gitDirectory"/>.</summary>
    public static void AssertFsck(string gitDirectory) =>
        GitCommandLine.Script(gitDirectory, "git --git-dir=. fsck --strict --no-dangling 2>&1");

    /// <summary>Every ref and its value (<c>git for-each-ref</c>).</summary>
    public static string Refs(string gitDirectory) =>
        GitCommandLine.Script(gitDirectory, "git --git-dir=. for-each-ref --format='%(refname) %(objectname)'");

    /// <summary>All of history (<c>git log --all</c> with ids, parents, authors and messages).</summary>
    public static string Log(string gitDirectory) =>
        GitCommandLine.Script(gitDirectory, "git --git-dir=. log --all --format='%H %P %an %ae %at %s'");

    /// <summary>Runs <paramref name="script"/> in <paramref name="directory"/>.</summary>
    public static string Git(string directory, string script) => GitCommandLine.Script(directory, script);
}
