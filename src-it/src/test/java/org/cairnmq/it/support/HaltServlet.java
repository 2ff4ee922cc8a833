package org.cairnmq.it.support;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Crash switch for crash-recovery tests: answers, then halts the server JVM (no shutdown hooks, no graceful
 * stop of anything: as close to kill -9 as Java gets). Arquillian's ContainerController.kill() is NOT a kill
 * for WildFly (the default ServerKillProcessor just calls stop()), hence this servlet.
 * Only ever add it to a deployment of the manual-mode container.
 */
@WebServlet("/halt")
public class HaltServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().print("halting");
        resp.flushBuffer();
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(137);
        }, "cairn-it-halt");
        halter.setDaemon(true);
        halter.start();
    }
}
