using Returns.Classifier;
using Returns.ServiceDefaults;

// A stateless worker: start as many as the queue needs; they compete for ImageReceived.
// It serves only /health/live and /health/ready (bus connected, model loaded), both without credentials.
var builder = ReturnsWebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddClassifier();
builder.AddReturnsMessaging(bus => bus.AddClassifierConsumers());

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
