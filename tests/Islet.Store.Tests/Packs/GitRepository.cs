using System.Diagnostics;
using System.Text;
using Islet.Store.Git;

namespace Islet.Store.Tests.Packs;

/// <summary>A scratch repository driven by the git command line, with binary-safe output.</summary>
internal sealed class GitRepository
{
    public GitRepository(string objectFormat = "sha1")
    {
        Path = ExternalTool.TempDirectory("islet-gitpack-");
        Git("init", "-q", "-b", "main", $"--object-format={objectFormat}");
    }

    public string Path { get; }

    public string PackDirectory => System.IO.Path.Combine(Path, ".git", "objects", "pack");

    public byte[] Git(params string[] arguments) => GitWithInput(null, arguments);

    public byte[] GitWithInput(byte[]? input, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = Path };
        foreach (string a in new[] { "-c", "user.name=Islet", "-c", "user.email=islet@example.org", "-c", "commit.gpgsign=false" }.Concat(arguments))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        if (input is not null)
            process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {stderr.Result}");
        return output.ToArray();
    }

    /// <summary>Every object git knows, with type and contents, from <c>git cat-file --batch --batch-all-objects</c>.</summary>
    public List<(GitObjectId Id, GitObjectType Type, byte[] Content)> AllObjects()
    {
        byte[] output = Git("cat-file", "--batch", "--batch-all-objects");
        var result = new List<(GitObjectId, GitObjectType, byte[])>();
        int position = 0;
        while (position < output.Length)
        {
            int newline = Array.IndexOf(output, (byte)'\n', position);
            string[] header = Encoding.ASCII.GetString(output, position, newline - position).Split(' ');
            int size = int.Parse(header[2]);
            GitObjectType type = header[1] switch
            {
                "commit" => GitObjectType.Commit,
                "tree" => GitObjectType.Tree,
                "blob" => GitObjectType.Blob,
                _ => GitObjectType.Tag,
            };
            result.Add((GitObjectId.Parse(header[0]), type, output.AsSpan(newline + 1, size).ToArray()));
            position = newline + 1 + size + 1;
        }
        return result;
    }

    /// <summary>A history with deltas: one file edited in <paramref name="commits"/> commits, others alongside, binary data, a tag.</summary>
    public static GitRepository WithHistory(int commits)
    {
        var repo = new GitRepository();
        var random = new Random(7);
        var lines = Enumerable.Range(0, 300).Select(i => $"line {i}: {random.Next()}").ToList();
        byte[] binary = new byte[20_000];
        random.NextBytes(binary);
        for (int c = 0; c < commits; c++)
        {
            lines[random.Next(lines.Count)] = $"edited in commit {c}: {random.Next()}";
            if (c % 3 == 0) lines.Insert(random.Next(lines.Count), $"inserted {c}");
            File.WriteAllLines(System.IO.Path.Combine(repo.Path, "main.txt"), lines);
            binary[random.Next(binary.Length)] = (byte)c;
            File.WriteAllBytes(System.IO.Path.Combine(repo.Path, "data.bin"), binary);
            Directory.CreateDirectory(System.IO.Path.Combine(repo.Path, "dir", $"sub{c % 4}"));
            File.WriteAllText(System.IO.Path.Combine(repo.Path, "dir", $"sub{c % 4}", $"f{c % 7}.txt"), $"file {c % 7} version {c}\n" + string.Join('\n', lines.Take(40)));
            repo.Git("add", "-A");
            repo.Git("commit", "-q", "-m", $"commit {c}\n\nbody {random.Next()}");
        }
        repo.Git("tag", "-a", "v1", "-m", "annotated tag");
        return repo;
    }
}
