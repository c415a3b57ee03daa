using System.Text;

namespace Returns.Training;

/// <summary>float16 halves the training views on disk; float32 keeps the parity inputs exactly as serving computes them.</summary>
public enum NpyType { Float16, Float32 }

/// <summary>Streams a float array into NumPy's .npy format (version 1.0), which the fine-tuning script memory-maps.</summary>
public sealed class NpyWriter : IDisposable
{
    private readonly BinaryWriter writer;
    private readonly NpyType type;

    public NpyWriter(string path, long[] shape, NpyType type)
    {
        this.type = type;
        writer = new BinaryWriter(new BufferedStream(File.Create(path), 1 << 20));
        var descr = type == NpyType.Float16 ? "<f2" : "<f4";
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({string.Join(", ", shape)},), }}";
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
        {
            if (type == NpyType.Float16)
                writer.Write((Half)value);
            else
                writer.Write(value);
        }
    }

    public void Dispose() => writer.Dispose();
}
