package org.negotiatetcp.boot.autoconfigure;

import java.util.Map;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import org.negotiatetcp.mechanism.ntlm.InMemoryNtlmAccountStore;
import org.negotiatetcp.mechanism.ntlm.NtlmAccountStore;

/**
 * Builds the in-memory NTLM account store of {@code negotiate.tcp.server.ntlm.accounts}.
 *
 * @author Negotiate TCP
 */
final class NtlmAccountStores {

	private static final String PROPERTY = "negotiate.tcp.server.ntlm.accounts";

	private NtlmAccountStores() {
	}

	static NtlmAccountStore fromProperties(Map<String, String> accounts) {
		try {
			return InMemoryNtlmAccountStore.fromMap(accounts);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, accounts.keySet(), ex.getMessage()
					+ "; write each account as [DOMAIN\\user]: password (or {NT} and 32 hex digits of the NT hash)");
		}
	}

}
