// Starts Swagger UI on the API's OpenAPI document (kept out of the page so the
// Content-Security-Policy needs no inline script).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
