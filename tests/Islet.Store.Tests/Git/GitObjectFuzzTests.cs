using Islet.Store.Tests.Fuzz;
using Islet.Store.Git;
using Islet.Store.Git.Internal;

namespace Islet.Store.Tests.Git;

/// <summary>
/// Seeded mutations of real objects through the parsers: only <see cref="GitFormatException"/>
/// escapes, and whatever parses writes back to exactly the bytes parsed.
/// </summary>
public sealed class GitObjectFuzzTests : IDisposable
{
    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (string directory in _directories)
            Directory.Delete(directory, recursive: true);
    }


    [Fact]
    public void Mutated_sample_objects_parse_exactly_or_give_a_format_error() =>
        Fuzz(GitSamples.All.ToList(), seed: 7, iterations: 100_000);

    [ToolFact("git", "git")]
    public void Mutated_objects_made_by_git_parse_exactly_or_give_a_format_error()
    {
        string repository = Own(GitCommandLine.MakeSampleRepository());
        var store = new LooseObjectStore(Path.Combine(repository, ".git"));
        var samples = new List<(GitObjectType, byte[])>();
        foreach ((string hex, _) in GitCommandLine.AllObjects(repository))
        {
            Assert.True(store.TryRead(GitObjectId.Parse(hex), out GitObjectType type, out byte[] content));
            samples.Add((type, content));
        }
        Fuzz(samples, seed: 11, iterations: 100_000);
    }

    [Fact]
    public void Mutated_loose_files_decode_exactly_or_give_a_format_error()
    {
        var random = new Random(13);
        var files = GitSamples.All.Select(s => (Id: GitObjectId.Compute(s.Type, s.Content), s.Type, s.Content, File: LooseObjectCodec.Encode(s.Type, s.Content))).ToList();
        int refused = 0;
        for (int i = 0; i < 20_000; i++)
        {
            var sample = files[random.Next(files.Count)];
            byte[] mutated = Mutator.Mutate(sample.File, random);
            try
            {
                (GitObjectType type, byte[] content) = LooseObjectCodec.Decode(mutated, sample.Id);
                Assert.Equal(sample.Type, type);
                Assert.Equal(sample.Content, content);
            }
            catch (GitFormatException)
            {
                refused++;
            }
        }
        Assert.True(refused > 10_000, $"only {refused} refused");
    }

    private static void Fuzz(List<(GitObjectType Type, byte[] Content)> samples, int seed, int iterations)
    {
        var random = new Random(seed);
        int parsed = 0;
        for (int i = 0; i < iterations; i++)
        {
            (GitObjectType type, byte[] content) = samples[random.Next(samples.Count)];
            byte[] mutated = Mutator.Mutate(content, random);
            GitObject result;
            try
            {
                result = GitObject.Parse(type, mutated);
            }
            catch (GitFormatException)
            {
                continue;
            }
            parsed++;
            if (!result.ToBytes().AsSpan().SequenceEqual(mutated))
                Assert.Fail($"iteration {i}: a parsed {type} wrote back different bytes: {Convert.ToBase64String(mutated)}");
        }
        Assert.True(parsed > 0 && parsed < iterations, $"{parsed} of {iterations} parsed");
    }

    private string Own(string directory)
    {
        _directories.Add(directory);
        return directory;
    }
}
