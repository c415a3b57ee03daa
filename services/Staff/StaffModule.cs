using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Returns.Ingest;
using Returns.Ingest.Apis;
using Returns.Results.Apis;
using Returns.ServiceDefaults;
using Returns.Results;
using Returns.ServiceDefaults.Http;
using Returns.Staff.Apis;
using Returns.Staff.Http;
using Returns.Staff.Users;

namespace Returns.Staff;

/// <summary>The staff console: Razor Pages behind a cookie sign-in, for any host that also has ingest and results.</summary>
public static class StaffModule
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>What every host of the console has (Staff.Web alone, and `returns serve` with the whole pipeline): the
    /// service defaults, the HTTP security, ingest and results, and the console itself.</summary>
    public static WebApplicationBuilder AddStaffHost(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddReturnsHttpSecurity();
        builder.AddIngest();
        builder.AddResults();
        return builder.AddStaffConsole();
    }

    /// <summary>The console host's pipeline: security, health and metrics, the ingest and results APIs, and the pages.</summary>
    public static WebApplication UseStaffHost(this WebApplication app)
    {
        app.UseReturnsHttpSecurity();
        app.UseStaffConsole();
        app.MapDefaultEndpoints();
        app.MapIngestEndpoints();
        app.MapResultsEndpoints();
        return app.MapStaffConsole();
    }

    /// <summary>Call after AddReturnsHttpSecurity: people sign in with a cookie, machines keep their API keys.</summary>
    public static WebApplicationBuilder AddStaffConsole(this WebApplicationBuilder builder)
    {
        var results = builder.AddValidatedOptions<ResultsOptions>(ResultsOptions.Section);
        builder.Services.AddStaffUsers(results);
        builder.Services.AddSingleton<ReviewQueue>();
        builder.Services.AddSingleton<ModelCatalog>();
        // First among the ProblemDetails writers (the default JSON one was registered by AddReturnsHttpSecurity).
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, HtmlProblemWriter>());

        builder.Services.Replace(ServiceDescriptor.Singleton(new ReturnsSchemes { ForPeople = Scheme }));
        builder.Services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/logout";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "returns.staff";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
            cookie.Events = new StaffCookieEvents();
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = "RequestVerificationToken";
            options.Cookie.Name = "returns.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/", Scopes.Read);
            pages.Conventions.AuthorizeFolder("/Admin", Scopes.Admin);
            pages.Conventions.AllowAnonymousToPage("/Login");
            pages.Conventions.AllowAnonymousToPage("/Denied");
        }).AddApplicationPart(typeof(StaffModule).Assembly);
        return builder;
    }

    /// <summary>Call after UseReturnsHttpSecurity: an API call made with the console's cookie must carry the
    /// antiforgery token too, so another site cannot make a signed-in browser upload or compile anything.</summary>
    public static WebApplication UseStaffConsole(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method)
                && !HttpMethods.IsHead(context.Request.Method) && context.User.Identity?.AuthenticationType == Scheme)
            {
                try
                {
                    await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
                }
                catch (AntiforgeryValidationException)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Antiforgery token missing",
                        "a request made with the console's sign-in must carry the page's RequestVerificationToken header");
                    return;
                }
            }
            await next();
        });
        return app;
    }

    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapStaffAssets();
        app.MapStaffApi();
        return app;
    }
}
