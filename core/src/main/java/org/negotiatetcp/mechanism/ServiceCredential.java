package org.negotiatetcp.mechanism;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The Kerberos credential a server accepts with: a keytab and the service principal to use from it.
 * @param keytab the keytab file
 * @param principal the service principal (for example {@code host/srv.example.com@EXAMPLE.COM}), or {@code null} (or
 * {@code *}) to accept a ticket for any principal in the keytab
 */
public record ServiceCredential(Path keytab, @Nullable String principal) {

	public ServiceCredential {
		Objects.requireNonNull(keytab, "keytab");
		if (principal != null && (principal.isBlank() || "*".equals(principal))) {
			principal = null;
		}
	}

	/**
	 * Whether any principal in the keytab is accepted.
	 * @return {@code true} when no principal was named
	 */
	public boolean acceptsAnyPrincipal() {
		return this.principal == null;
	}

}
