using System.Security.Cryptography;
using System.Text;

namespace Islet.Manifest.Tests;

public sealed class ImageHashTests
{
    [Fact]
    public void Sealed_image_verifies_and_its_hash_is_sha256_with_the_field_zeroed()
    {
        byte[] image = Samples.SealedTrue();
        var embedded = EmbeddedManifest.Read(image)!;
        Assert.True(embedded.Verified);

        byte[] zeroed = (byte[])image.Clone();
        zeroed.AsSpan(embedded.HashFieldOffset, 64).Fill((byte)'0');
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zeroed)), embedded.Manifest.ImageSha256);
        Assert.Equal(embedded.Manifest.ImageSha256, Encoding.ASCII.GetString(image, embedded.HashFieldOffset, 64));
    }

    [Fact]
    public void A_one_byte_change_anywhere_makes_verification_fail()
    {
        byte[] sealedImage = Samples.SealedTrue();
        int field = EmbeddedManifest.Read(sealedImage)!.HashFieldOffset;
        var random = new Random(1234);
        // Every byte of the ELF header, the hash field's neighbourhood, and 300 random places.
        var positions = Enumerable.Range(0, 64).Concat(Enumerable.Range(field - 8, 80)).Concat(Enumerable.Range(0, 300).Select(_ => random.Next(sealedImage.Length)));
        foreach (int position in positions.Distinct())
        {
            byte[] image = (byte[])sealedImage.Clone();
            image[position] ^= (byte)(1 << random.Next(8));
            EmbeddedManifest? read;
            try
            {
                read = EmbeddedManifest.Read(image);
            }
            catch (ManifestFormatException)
            {
                continue; // the change broke the ELF structure or the manifest: also a failure to verify
            }
            Assert.True(read is null || !read.Verified, $"a change at {position} still verifies");
        }
    }

    [Fact]
    public void Seal_writes_the_hash_it_computes()
    {
        byte[] image = Encoding.ASCII.GetBytes("head" + IsletManifest.HashPlaceholder + "tail");
        string hash = ImageHash.Seal(image, 4);
        Assert.Equal(hash, Encoding.ASCII.GetString(image, 4, 64));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("head" + IsletManifest.HashPlaceholder + "tail"))), hash);
        Assert.Equal(hash, ImageHash.Compute(image, 4)); // the field's content does not matter
    }

    [Fact]
    public void A_field_outside_the_image_is_an_argument_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageHash.Compute(new byte[63], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageHash.Compute(new byte[100], 37));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageHash.Compute(new byte[100], -1));
    }
}
