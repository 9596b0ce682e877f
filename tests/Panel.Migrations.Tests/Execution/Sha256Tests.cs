using System;
using System.Security.Cryptography;
using System.Text;
using Panel.Migrations.Execution;
using Xunit;

namespace Panel.Migrations.Tests.Execution;

// The log's checksums are stored: our managed SHA-256 must give the platform's digest byte for byte, or every
// database migrated before would report its migrations as changed.
public class Sha256Tests
{
    [Fact]
    public void KnownVectors()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(Sha256.Hash([])));
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(Sha256.Hash("abc"u8)));
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                     Hex(Sha256.Hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8)));
    }

    [Fact]
    public void MatchesThePlatformAtEveryLengthAroundTheBlockBoundaries()
    {
        var random = new Random(20261125);
        for (var length = 0; length <= 300; length++)
            AssertSame(random, length);
        foreach (var length in new[] { 1000, 4095, 4096, 4097, 100_003 })
            AssertSame(random, length);
    }

    [Fact]
    public void AChecksumIsTheHexDigestOfTheRenderedText()
    {
        var text = "CREATE TABLE \"sites\" (\"id\" INTEGER NOT NULL, \"name\" VARCHAR(64) NOT NULL);\nINSERT INTO \"config\" VALUES ('webserver', 'nginx');\n";
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))), Convert.ToHexString(Sha256.Hash(Encoding.UTF8.GetBytes(text))));
    }

    private static void AssertSame(Random random, int length)
    {
        var data = new byte[length];
        random.NextBytes(data);
        Assert.True(SHA256.HashData(data).AsSpan().SequenceEqual(Sha256.Hash(data)), $"digest differs at length {length}");
    }

    private static string Hex(byte[] digest) => Convert.ToHexString(digest).ToLowerInvariant();
}
