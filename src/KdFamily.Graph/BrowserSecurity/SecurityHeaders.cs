namespace KdFamily.Graph.BrowserSecurity;

/// <summary>The headers of every response, and the two Content-Security-Policies: the API's and the IDE's.</summary>
internal static class SecurityHeaders
{
    public static HeaderPolicyCollection Common(HeaderPolicyCollection policy) => policy
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicyNoReferrer()
        .AddFrameOptionsDeny()
        // Sent on HTTPS answers only (behind a proxy: ForwardedHeaders:Enabled, so the scheme is the client's).
        .AddStrictTransportSecurityMaxAge(maxAgeInSeconds: 365 * 24 * 60 * 60)
        .AddCrossOriginOpenerPolicy(opener => opener.SameOrigin())
        .RemoveServerHeader();

    /// <summary>JSON, event streams and problem documents load nothing and may be framed by nobody.</summary>
    public static void ApiContentSecurityPolicy(CspBuilder csp)
    {
        csp.AddDefaultSrc().None();
        csp.AddFrameAncestors().None();
        csp.AddBaseUri().None();
        csp.AddFormAction().None();
    }

    /// <summary>Banana Cake Pop, self-hosted: its own scripts and styles only, and connections back to this server.</summary>
    public static void IdeContentSecurityPolicy(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        // The IDE's bundled ajv compiles its JSON schemas with new Function; without eval it does not start.
        csp.AddScriptSrc().Self().UnsafeEval();
        // styled-components injects its <style> elements at run time, without a nonce.
        csp.AddStyleSrc().Self().UnsafeInline();
        csp.AddImgSrc().Self().Data();
        csp.AddFontSrc().Self().Data();
        // 'self' covers ws:// and wss:// to this host as well (CSP level 3), so subscriptions work.
        csp.AddConnectSrc().Self();
        csp.AddWorkerSrc().Self().Blob();
        csp.AddManifestSrc().Self();
        csp.AddObjectSrc().None();
        csp.AddFrameAncestors().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
    }
}
