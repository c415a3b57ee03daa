namespace Returns.Training;

/// <summary>
/// Multinomial logistic regression on standardised features, trained with mini-batch Adam and L2.
/// <see cref="Fold"/> returns weights that take raw features, so the exported graph needs no scaling step.
/// </summary>
public sealed class SoftmaxHead
{
    private readonly int classes;
    private readonly int width;
    private readonly float[] mean;
    private readonly float[] scale;
    private readonly float[] weights; // [classes, width] on standardised features
    private readonly float[] bias;

    private SoftmaxHead(int classes, int width, float[] mean, float[] scale)
    {
        this.classes = classes;
        this.width = width;
        this.mean = mean;
        this.scale = scale;
        weights = new float[classes * width];
        bias = new float[classes];
    }

    public sealed record Settings(double L2, int Epochs = 60, int BatchSize = 64, double LearningRate = 1e-3, int Seed = 7);

    public static SoftmaxHead Train(float[][] features, int[] labels, int classes, Settings settings)
    {
        var width = features[0].Length;
        var (mean, scale) = Standardisation(features, width);
        var head = new SoftmaxHead(classes, width, mean, scale);
        var x = features.Select(head.Standardise).ToArray();
        var adam = new Adam(head.weights.Length + classes, settings.LearningRate);
        var gradient = new float[head.weights.Length + classes];
        var order = Enumerable.Range(0, x.Length).ToArray();
        var random = new Random(settings.Seed);
        var probabilities = new float[classes];

        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var batch in order.Chunk(settings.BatchSize))
            {
                Array.Clear(gradient);
                foreach (var i in batch)
                {
                    head.Probabilities(x[i], probabilities);
                    for (var k = 0; k < classes; k++)
                    {
                        var error = (probabilities[k] - (labels[i] == k ? 1f : 0f)) / batch.Length;
                        var row = gradient.AsSpan(k * width, width);
                        for (var j = 0; j < width; j++)
                            row[j] += error * x[i][j];
                        gradient[head.weights.Length + k] += error;
                    }
                }
                for (var j = 0; j < head.weights.Length; j++)
                    gradient[j] += (float)settings.L2 * head.weights[j];
                adam.Step(gradient, head.weights, head.bias);
            }
        }
        return head;
    }

    public float[] Predict(float[] rawFeatures)
    {
        var probabilities = new float[classes];
        Probabilities(Standardise(rawFeatures), probabilities);
        return probabilities;
    }

    /// <summary>Weights and bias for raw (unstandardised) features: W' = W/σ, b' = b − W'·μ.</summary>
    public (float[] Weights, float[] Bias) Fold()
    {
        var folded = new float[weights.Length];
        var foldedBias = new float[classes];
        for (var k = 0; k < classes; k++)
        {
            double shift = 0;
            for (var j = 0; j < width; j++)
            {
                folded[k * width + j] = weights[k * width + j] / scale[j];
                shift += (double)folded[k * width + j] * mean[j];
            }
            foldedBias[k] = (float)(bias[k] - shift);
        }
        return (folded, foldedBias);
    }

    private float[] Standardise(float[] raw)
    {
        var result = new float[width];
        for (var j = 0; j < width; j++)
            result[j] = (raw[j] - mean[j]) / scale[j];
        return result;
    }

    private void Probabilities(float[] x, float[] probabilities)
    {
        var max = float.NegativeInfinity;
        for (var k = 0; k < classes; k++)
        {
            var logit = bias[k] + System.Numerics.Tensors.TensorPrimitives.Dot(weights.AsSpan(k * width, width), x);
            probabilities[k] = logit;
            max = Math.Max(max, logit);
        }
        var sum = 0f;
        for (var k = 0; k < classes; k++)
            sum += probabilities[k] = MathF.Exp(probabilities[k] - max);
        for (var k = 0; k < classes; k++)
            probabilities[k] /= sum;
    }

    private static (float[] Mean, float[] Scale) Standardisation(float[][] features, int width)
    {
        var mean = new float[width];
        var scale = new float[width];
        for (var j = 0; j < width; j++)
        {
            double sum = 0, squares = 0;
            foreach (var f in features)
            {
                sum += f[j];
                squares += (double)f[j] * f[j];
            }
            var m = sum / features.Length;
            mean[j] = (float)m;
            scale[j] = (float)Math.Sqrt(Math.Max(squares / features.Length - m * m, 0)) + 1e-3f;
        }
        return (mean, scale);
    }

    private sealed class Adam(int size, double learningRate)
    {
        private readonly float[] m = new float[size];
        private readonly float[] v = new float[size];
        private int t;

        public void Step(float[] gradient, float[] weights, float[] bias)
        {
            t++;
            var correction1 = 1 - Math.Pow(0.9, t);
            var correction2 = 1 - Math.Pow(0.999, t);
            for (var i = 0; i < size; i++)
            {
                m[i] = 0.9f * m[i] + 0.1f * gradient[i];
                v[i] = 0.999f * v[i] + 0.001f * gradient[i] * gradient[i];
                var step = (float)(learningRate * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + 1e-8));
                if (i < weights.Length)
                    weights[i] -= step;
                else
                    bias[i - weights.Length] -= step;
            }
        }
    }
}
