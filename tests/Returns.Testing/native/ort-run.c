// Runs an ONNX model on a raw float32 tensor with ONNX Runtime's C API and prints the output, one row per image.
// The cross-processor parity test runs it natively and under qemu-x86_64 with an older processor model, so the same
// model file and the same input are scored by ONNX Runtime's kernels for another instruction set.
//   ort-run MODEL INPUT_NAME OUTPUT_NAME TENSOR.f32 N C H W
#include <stdio.h>
#include <stdlib.h>
#include "onnxruntime_c_api.h"

static const OrtApi *ort;

static void check(OrtStatus *status)
{
    if (status == NULL)
        return;
    fprintf(stderr, "onnxruntime: %s\n", ort->GetErrorMessage(status));
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 9) {
        fprintf(stderr, "usage: ort-run MODEL INPUT_NAME OUTPUT_NAME TENSOR.f32 N C H W\n");
        return 64;
    }
    int64_t shape[4] = {atoll(argv[5]), atoll(argv[6]), atoll(argv[7]), atoll(argv[8])};
    size_t count = (size_t)(shape[0] * shape[1] * shape[2] * shape[3]);
    float *input = malloc(count * sizeof(float));
    FILE *file = fopen(argv[4], "rb");
    if (file == NULL || fread(input, sizeof(float), count, file) != count) {
        fprintf(stderr, "cannot read %zu floats from %s\n", count, argv[4]);
        return 66;
    }
    fclose(file);

    ort = OrtGetApiBase()->GetApi(ORT_API_VERSION);
    OrtEnv *env;
    OrtSessionOptions *options;
    OrtSession *session;
    OrtMemoryInfo *memory;
    OrtValue *tensor = NULL, *output = NULL;
    check(ort->CreateEnv(ORT_LOGGING_LEVEL_WARNING, "ort-run", &env));
    check(ort->CreateSessionOptions(&options));
    check(ort->SetIntraOpNumThreads(options, 1));
    check(ort->CreateSession(env, argv[1], options, &session));
    check(ort->CreateCpuMemoryInfo(OrtArenaAllocator, OrtMemTypeDefault, &memory));
    check(ort->CreateTensorWithDataAsOrtValue(memory, input, count * sizeof(float), shape, 4,
                                              ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, &tensor));
    const char *inputs[] = {argv[2]};
    const char *outputs[] = {argv[3]};
    check(ort->Run(session, NULL, inputs, (const OrtValue *const *)&tensor, 1, outputs, 1, &output));

    OrtTensorTypeAndShapeInfo *info;
    size_t elements;
    float *values;
    check(ort->GetTensorTypeAndShape(output, &info));
    check(ort->GetTensorShapeElementCount(info, &elements));
    check(ort->GetTensorMutableData(output, (void **)&values));
    size_t perImage = elements / (size_t)shape[0];
    for (size_t i = 0; i < elements; i++)
        printf("%.7f%c", values[i], (i + 1) % perImage == 0 ? '\n' : ' ');
    return 0;
}
