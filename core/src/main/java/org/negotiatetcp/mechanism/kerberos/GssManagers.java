package org.negotiatetcp.mechanism.kerberos;

import org.ietf.jgss.GSSManager;

/**
 * The one {@link GSSManager} of this package. {@link GSSManager#getInstance()} builds a new manager that scans the
 * installed security providers each time (about an eighth of a handshake's CPU when called per context); the JDK's
 * manager is safe for concurrent use, so one is shared.
 */
final class GssManagers {

	private static final GSSManager SHARED = GSSManager.getInstance();

	private GssManagers() {
	}

	/**
	 * Return the shared manager.
	 * @return the manager
	 */
	static GSSManager shared() {
		return SHARED;
	}

}
