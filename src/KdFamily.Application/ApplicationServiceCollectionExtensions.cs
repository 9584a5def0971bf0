using KdFamily.Application.Audit;
using KdFamily.Application.Auth;
using KdFamily.Application.Pipeline;
using KdFamily.Application.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KdFamily.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// The use cases and what they share. The host provides <see cref="Events.IFamilyEvents"/> (where committed changes
    /// are announced) and <see cref="IRequestOrigin"/> (who is asking, for the audit log); for the auth use cases also
    /// <see cref="IAccessTokenIssuer"/>, <see cref="IPasswordHashing"/>, <see cref="ISessionChanges"/> and the child
    /// accounts' <see cref="Domain.ChildAccounts.PinLockoutPolicy"/>.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddScoped<UseCasePipeline>();
        services.AddScoped<TaskWorkflow>();
        services.AddScoped<LoginSessions>();
        services.AddScoped<ChildPinLogin>();
        var useCase = typeof(IUseCase<,>);
        foreach (var handler in typeof(ApplicationServiceCollectionExtensions).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var contract in handler.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == useCase))
            {
                services.AddScoped(contract, handler);
            }
        }

        return services;
    }
}
