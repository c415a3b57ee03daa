using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Returns.Testing;

/// <summary>Hostile and broken inputs, made at test time so each test shows exactly what it feeds in.</summary>
public static class BadImages
{
    public static byte[] Truncated(byte[] photo, double keep = 0.4) => photo[..(int)(photo.Length * keep)];

    public static byte[] TextWithImageName() => "order 4711: customer says the parcel was empty\n"u8.ToArray();

    public static byte[] JpegMagicThenGarbage() => [0xFF, 0xD8, 0xFF, .. Enumerable.Range(0, 1024).Select(i => (byte)i)];

    public static byte[] Gif() => "GIF89a"u8.ToArray().Concat(new byte[64]).ToArray();

    /// <summary>A valid PNG of a few hundred bytes whose header claims <paramref name="side"/>² pixels.</summary>
    public static byte[] DecompressionBomb(int side = 60_000)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using (var zlib = new MemoryStream())
        {
            using (var z = new ZLibStream(zlib, CompressionLevel.SmallestSize, leaveOpen: true))
                z.Write(new byte[100_000]);
            Chunk(png, "IDAT", zlib.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Png(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        bitmap.Erase(color);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The same photo re-encoded: a different file with different bytes, so a different image id.</summary>
    public static byte[] Variant(byte[] photo, int quality)
    {
        using var bitmap = SKBitmap.Decode(photo);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    private static void Chunk(Stream png, string type, byte[] payload)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, payload.Length);
        png.Write(length);
        var typeAndPayload = Encoding.ASCII.GetBytes(type).Concat(payload).ToArray();
        png.Write(typeAndPayload);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndPayload));
        png.Write(length);
    }
}
