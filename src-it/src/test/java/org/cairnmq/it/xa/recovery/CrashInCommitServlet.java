package org.cairnmq.it.xa.recovery;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import javax.naming.InitialContext;

/**
 * Sends a message to a queue in a JTA transaction whose commit halts the server between the two phases
 * ({@link HaltInPhaseTwo}). A response means it did not crash.
 */
@WebServlet("/crash-in-commit")
public class CrashInCommitServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String queue = request.getParameter("queue");
        String text = request.getParameter("text");
        try {
            InitialContext jndi = new InitialContext();
            UserTransaction transaction = (UserTransaction) jndi.lookup("java:comp/UserTransaction");
            TransactionManager manager = (TransactionManager) jndi.lookup("java:/TransactionManager");
            ConnectionFactory cairn = (ConnectionFactory) jndi.lookup("java:/jms/cairn/ConnectionFactory");
            transaction.begin();
            manager.getTransaction().enlistResource(new HaltInPhaseTwo(cairn, queue));
            try (Connection connection = cairn.createConnection()) {
                Session session = connection.createSession();
                session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
            }
            transaction.commit();
        } catch (Exception e) {
            throw new ServletException(e);
        }
        response.setContentType("text/plain");
        response.getWriter().print("committed without a crash");
    }
}
