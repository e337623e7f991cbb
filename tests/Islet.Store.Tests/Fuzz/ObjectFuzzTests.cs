using Islet.Store.Git;
using Islet.Store.Git.Internal;
using Islet.Store.Tests.Git;

namespace Islet.Store.Tests.Fuzz;

/// <summary>
/// Part of the 1,000,000-input fuzz evidence: mutated object contents through
/// <see cref="GitObject.Parse"/> and mutated loose-object files through their decoder. Only
/// <see cref="GitFormatException"/> may escape; what decodes must be what was encoded or hash as claimed.
/// </summary>
public sealed class ObjectFuzzTests
{
    public const int ParseIterations = 250_000;
    public const int LooseIterations = 150_000;

    [Fact]
    public void Mutated_object_contents_parse_or_give_a_format_error()
    {
        var samples = GitSamples.All.ToList();
        var random = new Random(1122);
        int parsed = 0, refused = 0;
        for (int i = 0; i < ParseIterations; i++)
        {
            (GitObjectType type, byte[] content) = samples[random.Next(samples.Count)];
            // Sometimes parse as another type, so each parser also sees the others' shapes.
            if (random.Next(8) == 0)
                type = (GitObjectType)random.Next(1, 5);
            byte[] mutant = Mutator.Mutate(content, random);
            try
            {
                GitObject.Parse(type, mutant);
                parsed++;
            }
            catch (GitFormatException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name} escaped parsing a {type}: {e.Message}\n{Convert.ToBase64String(mutant)}");
            }
        }
        Assert.Equal(ParseIterations, parsed + refused);
        Assert.True(parsed > 0 && refused > 0, $"{parsed} parsed, {refused} refused");
    }

    [Fact]
    public void Mutated_loose_object_files_decode_or_give_a_format_error()
    {
        var files = GitSamples.All.Select(s => (Id: GitObjectId.Compute(s.Type, s.Content), File: LooseObjectCodec.Encode(s.Type, s.Content))).ToList();
        var random = new Random(2211);
        int decoded = 0, refused = 0;
        for (int i = 0; i < LooseIterations; i++)
        {
            var (id, file) = files[random.Next(files.Count)];
            byte[] mutant = Mutator.Mutate(file, random);
            try
            {
                (GitObjectType type, byte[] content) = LooseObjectCodec.Decode(mutant);
                decoded++;
                if (GitObjectId.Compute(type, content) == id)
                    continue;
                Assert.Throws<GitFormatException>(() => LooseObjectCodec.Decode(mutant, id));
            }
            catch (GitFormatException)
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i}: {e.GetType().Name} escaped decoding a loose object: {e.Message}\n{Convert.ToBase64String(mutant)}");
            }
        }
        Assert.Equal(LooseIterations, decoded + refused);
        Assert.True(refused > LooseIterations / 2, $"{decoded} decoded, {refused} refused");
    }
}
