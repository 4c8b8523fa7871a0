package org.negotiatetcp.boot.context;

/**
 * The Negotiate TCP server could not listen because another process already listens on its port.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateServerPortInUseException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final int port;

	/**
	 * Create an exception.
	 * @param port the port in use
	 * @param cause the bind failure
	 */
	public NegotiateServerPortInUseException(int port, Throwable cause) {
		super("Negotiate TCP server could not start listening: port " + port + " is already in use; stop the process "
				+ "that listens on it or change negotiate.tcp.server.port (0 picks a free port)", cause);
		this.port = port;
	}

	/**
	 * Return the port that is in use.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
