using Returns.Ingest;
using Returns.Ingest.Apis;
using Returns.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngest();
builder.AddReturnsMessaging(_ => { });

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngestEndpoints();
app.Run();
