using System.Linq.Expressions;
using System.Reflection;
using KdFamily.Domain.Data;
using KdFamily.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KdFamily.Application.Pipeline;

/// <summary>
/// The caller's row, as a current member, and what a use case acts on selected along with it (e.g. a task of the
/// caller's family): one query, compiled once. A query built per call hands EF a new expression tree each time, which
/// it walks for parameters and hashes to find its translation (building, walking and hashing took 8–9% of the
/// service's CPU in a profile of the approvals bench, `bench/results/2026-12-01-approvals-profile.md`); a compiled query
/// does neither. Hold one in a static field, and pass every value through the argument: the selection captures nothing.
/// EF binds a compiled query to the model of the first context that runs it, so every <see cref="KdFamilyDbContext"/>
/// in the process must be configured alike (they are: one registration, the same for the service and its tests).
/// </summary>
/// <typeparam name="TArg">What the selection needs from the command (e.g. the task's id).</typeparam>
/// <typeparam name="TSubject">What is selected along with the caller, tracked like the caller.</typeparam>
public sealed class CallerQuery<TArg, TSubject>
    where TSubject : class
{
    private static readonly MethodInfo Placeholder =
        typeof(CallerQuery<TArg, TSubject>).GetMethod(nameof(SelectionPlaceholder), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<KdFamilyDbContext, Guid, TArg, CancellationToken, Task<CallerWith<TSubject>?>> _run;

    /// <param name="alongWithCaller">
    /// Selects the subject from the context, the caller's row and the argument, in terms EF translates to SQL.
    /// </param>
    public CallerQuery(Expression<Func<KdFamilyDbContext, User, TArg, TSubject?>> alongWithCaller)
    {
        ArgumentNullException.ThrowIfNull(alongWithCaller);
        Expression<Func<KdFamilyDbContext, Guid, TArg, CancellationToken, CallerWith<TSubject>?>> template = (db, callerId, arg, _) =>
            db.Users.AsTracking().Where(u => u.Id == callerId && u.RemovedAt == null)
                .Select(u => new CallerWith<TSubject> { Caller = u, Subject = SelectionPlaceholder(db, u, arg) })
                .FirstOrDefault();
        var inliner = new Inliner(alongWithCaller);
        var query = (Expression<Func<KdFamilyDbContext, Guid, TArg, CancellationToken, CallerWith<TSubject>?>>)inliner.Visit(template);
        if (!inliner.Inlined)
        {
            throw new InvalidOperationException("The caller query's template lost its selection placeholder.");
        }

        _run = EF.CompileAsyncQuery(query);
    }

    internal Task<CallerWith<TSubject>?> RunAsync(KdFamilyDbContext db, Guid callerId, TArg arg, CancellationToken cancellationToken) =>
        _run(db, callerId, arg, cancellationToken);

    /// <summary>Where the template takes <c>alongWithCaller</c>'s body; never called.</summary>
    private static TSubject? SelectionPlaceholder(KdFamilyDbContext db, User caller, TArg arg) =>
        throw new InvalidOperationException("A placeholder in the caller query's template, replaced before compiling.");

    /// <summary>Replaces the call to <see cref="SelectionPlaceholder"/> with the selection's body, over the call's arguments.</summary>
    private sealed class Inliner(LambdaExpression alongWithCaller) : ExpressionVisitor
    {
        private Dictionary<ParameterExpression, Expression>? _arguments;

        public bool Inlined { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != Placeholder)
            {
                return base.VisitMethodCall(node);
            }

            _arguments = alongWithCaller.Parameters.Zip(node.Arguments).ToDictionary(p => p.First, p => p.Second);
            var body = Visit(alongWithCaller.Body);
            _arguments = null;
            Inlined = true;
            return body;
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            _arguments is not null && _arguments.TryGetValue(node, out var argument) ? argument : node;
    }
}

/// <summary>The caller's row and what was selected along with it.</summary>
internal sealed class CallerWith<TSubject>
    where TSubject : class
{
    public User Caller { get; init; } = null!;

    public TSubject? Subject { get; init; }
}
