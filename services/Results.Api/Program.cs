using Returns.Results;
using Returns.Results.Apis;
using Returns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddResults();
builder.AddReturnsMessaging(bus => bus.AddResultsConsumers());

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapResultsEndpoints();
app.Run();
