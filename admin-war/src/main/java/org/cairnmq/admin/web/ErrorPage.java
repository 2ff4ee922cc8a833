package org.cairnmq.admin.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The server's own refusals (401 without credentials, 403 for a role that may not, 404, 405) in the
 * API's JSON error shape rather than an HTML page (web.xml error-page).
 */
@WebServlet("/error")
public class ErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        String error;
        String message;
        switch (status) {
            case 401 -> {
                error = "UNAUTHORIZED";
                message = "Log in: the console and the API need a user with role cairn-monitor or cairn-admin";
            }
            case 403 -> {
                error = "FORBIDDEN";
                message = "Role cairn-admin is needed to change anything; cairn-monitor may only look";
            }
            case 404 -> {
                error = "NOT_FOUND";
                message = "Nothing at " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            }
            default -> {
                error = "HTTP_" + status;
                message = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
            }
        }
        JsonErrors.write(response, status, error, message);
    }
}
