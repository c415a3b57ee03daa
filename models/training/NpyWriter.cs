using System.Text;

namespace Returns.Training;

/// <summary>Streams a float16 array into NumPy's .npy format (version 1.0), which the fine-tuning script memory-maps.</summary>
public sealed class NpyWriter : IDisposable
{
    private readonly BinaryWriter writer;

    public NpyWriter(string path, long[] shape)
    {
        writer = new BinaryWriter(File.Create(path));
        var header = $"{{'descr': '<f2', 'fortran_order': False, 'shape': ({string.Join(", ", shape)},), }}";
        var padded = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        writer.Write((byte)0x93);
        writer.Write("NUMPY"u8);
        writer.Write((byte)1);
        writer.Write((byte)0);
        writer.Write((ushort)padded.Length);
        writer.Write(Encoding.ASCII.GetBytes(padded));
    }

    public void Append(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
            writer.Write((Half)value);
    }

    public void Dispose() => writer.Dispose();
}
