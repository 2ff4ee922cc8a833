package org.cairnmq.admin.web;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Error answers written by servlets and filters, in the API's error shape ({"status", "error", "message"}). */
final class JsonErrors {
    private JsonErrors() {
    }

    static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.createObjectBuilder().add("status", status).add("error", error)
                .add("message", message).build().toString());
    }
}
