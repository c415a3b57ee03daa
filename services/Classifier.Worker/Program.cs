using Returns.Classifier;
using Returns.ServiceDefaults;
using Returns.ServiceDefaults.Http;

// A stateless worker: start as many as the queue needs; they compete for ImageReceived.
// It serves /health/live and /health/ready (bus connected, model loaded) without credentials, and /metrics to a caller
// with the metrics scope.
var builder = ReturnsWebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddReturnsHttpSecurity(requireApiKeys: false);
builder.AddClassifier();
builder.AddReturnsMessaging(bus => bus.AddClassifierConsumers(builder));

var app = builder.Build();
app.UseReturnsHttpSecurity();
app.MapDefaultEndpoints();
return app.RunOrRefuse();
