package dev.ledgerline.web.rest;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The error page (web.xml) for what the servlet container refuses before the application sees it, such as a
 * path with an encoded slash ({@code /api/transfers/..%2F..%2Fx}): a problem document like every other
 * answer of this API, instead of the server's HTML page. It says only the status: the container's reason
 * may name its internals, and the server log has it.
 */
@WebServlet("/problem")
public class ContainerErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly, not as an error page: there is nothing here.
        int status = code instanceof Integer c && c >= 400 ? c : HttpServletResponse.SC_NOT_FOUND;
        Problem.write(response, status, Problem.statusOnly(status));
    }
}
