/* Starts Swagger UI on the API documentation page. A file of its own, so the Content-Security-Policy
   can forbid inline scripts; the page passes its settings in data attributes. */
"use strict";

(function () {
  const root = document.getElementById("swagger-ui");
  const csrfHeader = root.dataset.csrfHeader;
  const csrfToken = root.dataset.csrfToken;

  const requestInterceptor = (request) => {
    // Session-authenticated writes from the "try it out" button need the CSRF token.
    if (!["GET", undefined].includes(request.method) && request.credentials === "same-origin") {
      request.headers[csrfHeader] = csrfToken;
    }
    return request;
  };

  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    // No badge from the public validator: the page talks to this site alone.
    validatorUrl: null,
    requestInterceptor,
  });
})();
