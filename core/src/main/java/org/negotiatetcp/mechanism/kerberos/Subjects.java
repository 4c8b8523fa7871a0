package org.negotiatetcp.mechanism.kerberos;

import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;

import javax.security.auth.Subject;

import org.ietf.jgss.GSSException;

/**
 * Runs JGSS calls as a JAAS {@link Subject}, so the JDK finds the Kerberos credentials in it.
 */
final class Subjects {

	private Subjects() {
	}

	static <T> T callAs(Subject subject, PrivilegedExceptionAction<T> action) throws GSSException {
		try {
			return doAs(subject, action);
		}
		catch (PrivilegedActionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof GSSException gss) {
				throw gss;
			}
			if (cause instanceof RuntimeException rt) {
				throw rt;
			}
			throw new IllegalStateException(cause);
		}
	}

	@SuppressWarnings("removal")
	private static <T> T doAs(Subject subject, PrivilegedExceptionAction<T> action) throws PrivilegedActionException {
		return Subject.doAs(subject, action);
	}

}
