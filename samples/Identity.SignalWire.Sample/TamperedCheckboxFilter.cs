using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Identity.SignalWire.Sample;

/// <summary>
/// A checkbox posts "true" or "false"; anything else ("Stay logged in" = "yes", a tampered form) is a binding error that
/// keeps the posted text, and the checkbox tag helper then fails to turn that text back into a bool while it renders the
/// page again: a 500. Such a value is read as unchecked instead, on every page.
/// </summary>
internal sealed class TamperedCheckboxFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        foreach (var property in context.ActionDescriptor.BoundProperties)
        {
            if (property.ParameterType == typeof(bool)
                && context.ModelState.TryGetValue(property.Name, out var entry)
                && entry.ValidationState == ModelValidationState.Invalid)
            {
                context.ModelState.Remove(property.Name);
            }
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
