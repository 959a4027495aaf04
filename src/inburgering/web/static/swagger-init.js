// Starts Swagger UI on /v1/docs with this server's API document (a file, so the page needs no inline script).
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
