package org.negotiatetcp.benchmarks.harness;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;

import javax.security.auth.Subject;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * The JGSS anchors, with the JDK's API only: a bare Kerberos context pair (initiator and acceptor, mutual
 * authentication, the service ticket cached in the client's login as the project does) and JGSS's own wrap and unwrap.
 * Only the credentials come from the project's login code; logging in is not measured.
 */
final class BareJgss {

	private static final byte[] EMPTY = new byte[0];

	private static final Oid KERBEROS = oid("1.2.840.113554.1.2.2");

	private static final Oid KERBEROS_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

	private final GSSManager manager = GSSManager.getInstance();

	private final GSSCredential initiator;

	private final Subject login;

	private final GSSCredential acceptor;

	private final GSSName target;

	BareJgss(GSSCredential initiator, Subject login, GSSCredential acceptor, String servicePrincipal) {
		this.initiator = initiator;
		this.login = login;
		this.acceptor = acceptor;
		try {
			this.target = this.manager.createName(servicePrincipal, KERBEROS_PRINCIPAL_NAME, KERBEROS);
		}
		catch (GSSException ex) {
			throw new IllegalStateException("Bad service principal " + servicePrincipal + ": " + ex, ex);
		}
	}

	/**
	 * Establish a context pair: AP-REQ, AP-REP.
	 * @return the initiator's and the acceptor's context
	 */
	Pair establish() {
		try {
			GSSContext client = this.manager.createContext(this.target, KERBEROS, this.initiator,
					GSSContext.DEFAULT_LIFETIME);
			client.requestMutualAuth(true);
			client.requestConf(true);
			client.requestInteg(true);
			client.requestReplayDet(true);
			client.requestSequenceDet(true);
			GSSContext server = this.manager.createContext(this.acceptor);
			byte[] token = initiate(client, EMPTY);
			byte[] reply = server.acceptSecContext(token, 0, token.length);
			if (!client.isEstablished() && reply != null) {
				initiate(client, reply);
			}
			if (!client.isEstablished() || !server.isEstablished()) {
				throw new IllegalStateException("The bare JGSS pair did not establish in one AP-REQ/AP-REP exchange");
			}
			return new Pair(client, server);
		}
		catch (GSSException ex) {
			throw new IllegalStateException("Bare JGSS handshake failed: " + ex, ex);
		}
	}

	private byte[] initiate(GSSContext client, byte[] input) throws GSSException {
		try {
			byte[] out = Subject.doAs(this.login,
					(PrivilegedExceptionAction<byte[]>) () -> client.initSecContext(input, 0, input.length));
			return (out != null) ? out : EMPTY;
		}
		catch (PrivilegedActionException ex) {
			throw (GSSException) ex.getException();
		}
	}

	/**
	 * Establish a context pair and dispose of it: the bare handshake.
	 */
	void handshake() {
		establish().dispose();
	}

	private static Oid oid(String oid) {
		try {
			return new Oid(oid);
		}
		catch (GSSException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An established pair.
	 *
	 * @param client the initiator
	 * @param server the acceptor
	 */
	record Pair(GSSContext client, GSSContext server) {

		/**
		 * Wrap a message on the initiator (encrypt-and-sign) and unwrap it on the acceptor.
		 * @param message the message
		 * @return the unwrapped length
		 */
		int wrapUnwrap(byte[] message) {
			try {
				byte[] token = this.client.wrap(message, 0, message.length, new MessageProp(0, true));
				return this.server.unwrap(token, 0, token.length, new MessageProp(0, true)).length;
			}
			catch (GSSException ex) {
				throw new IllegalStateException("JGSS wrap/unwrap failed: " + ex, ex);
			}
		}

		void dispose() {
			try {
				this.client.dispose();
				this.server.dispose();
			}
			catch (GSSException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
