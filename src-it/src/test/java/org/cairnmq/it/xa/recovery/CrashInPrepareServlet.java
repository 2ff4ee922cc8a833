package org.cairnmq.it.xa.recovery;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
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
 * In one JTA transaction, receives a message from one queue and sends one to another through Cairn, then
 * enlists {@link HaltInPrepare} after Cairn's session, so that the commit halts the server once Cairn has
 * prepared and before the transaction manager logs the transaction. A response means it did not crash.
 */
@WebServlet("/crash-in-prepare")
public class CrashInPrepareServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try {
            InitialContext jndi = new InitialContext();
            UserTransaction transaction = (UserTransaction) jndi.lookup("java:comp/UserTransaction");
            TransactionManager manager = (TransactionManager) jndi.lookup("java:/TransactionManager");
            ConnectionFactory cairn = (ConnectionFactory) jndi.lookup("java:/jms/cairn/ConnectionFactory");
            transaction.begin();
            try (Connection connection = cairn.createConnection()) {
                connection.start();
                Session session = connection.createSession(); // enlists Cairn first
                Message consumed = session.createConsumer(session.createQueue(request.getParameter("from"))).receive(10_000);
                if (consumed == null) {
                    throw new ServletException("nothing to consume");
                }
                session.createProducer(session.createQueue(request.getParameter("to")))
                        .send(session.createTextMessage(request.getParameter("text")));
            }
            manager.getTransaction().enlistResource(new HaltInPrepare());
            transaction.commit();
        } catch (ServletException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        response.setContentType("text/plain");
        response.getWriter().print("committed without a crash");
    }
}
