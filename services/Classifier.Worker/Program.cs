using Returns.Classifier;
using Returns.ServiceDefaults;

// A stateless worker: start as many as the queue needs; they compete for ImageReceived.
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.AddClassifier();
builder.AddReturnsMessaging(bus => bus.AddClassifierConsumers());
builder.Build().Run();
