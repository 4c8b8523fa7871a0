package org.negotiatetcp.soap.session;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Element;

/**
 * A reply a {@link SoapRequestHandler} sends: its action and its body's element.
 *
 * @param action the reply's WS-Addressing action (WCF: the operation's action followed by {@code Response})
 * @param body the body's element, or {@code null} for an empty body
 */
public record SoapReply(String action, @Nullable Element body) {

}
