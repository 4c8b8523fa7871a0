package org.negotiatetcp.soap.contract;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Typed fault details, as WCF's {@code FaultException<TDetail>} with {@code [FaultContract(typeof(TDetail))]}
 * carries them: the detail is one element, named after the detail's data contract in its namespace, whose content is
 * the data contract. A service throws
 * {@code new SoapFaultException(code, subcodes, reason, FaultDetails.toElement(detail, name))}; a client reads it with
 * {@link #fromElement(Element, Class)}.
 */
public final class FaultDetails {

	private static final Map<Class<?>, JAXBContext> CONTEXTS = new ConcurrentHashMap<>();

	private FaultDetails() {
	}

	/**
	 * Serializes a detail.
	 * @param detail the detail (a JAXB class)
	 * @param name the element's name: WCF's is the data contract's name and namespace
	 * @return the element, for {@link org.negotiatetcp.soap.SoapFaultException}'s detail
	 * @throws IllegalArgumentException when JAXB cannot serialize the detail
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static Element toElement(Object detail, QName name) {
		try {
			Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
			Marshaller marshaller = context(detail.getClass()).createMarshaller();
			marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
			marshaller.marshal(new JAXBElement(name, detail.getClass(), detail), document);
			return document.getDocumentElement();
		}
		catch (JAXBException | ParserConfigurationException ex) {
			throw new IllegalArgumentException("Cannot serialize the fault detail " + detail.getClass().getName()
					+ " as " + name + ": " + ex, ex);
		}
	}

	/**
	 * Reads a detail.
	 * @param <T> the detail's type
	 * @param element the fault's detail element
	 * @param type the detail's type (a JAXB class)
	 * @return the detail
	 * @throws IllegalArgumentException when the element is not a {@code type}
	 */
	public static <T> T fromElement(Element element, Class<T> type) {
		try {
			return context(type).createUnmarshaller().unmarshal(element, type).getValue();
		}
		catch (JAXBException | RuntimeException ex) {
			throw new IllegalArgumentException("The fault detail {" + element.getNamespaceURI() + "}"
					+ element.getLocalName() + " is not a " + type.getName() + ": " + ex, ex);
		}
	}

	private static JAXBContext context(Class<?> type) throws JAXBException {
		JAXBContext context = CONTEXTS.get(type);
		if (context == null) {
			context = JAXBContext.newInstance(type);
			CONTEXTS.putIfAbsent(type, context);
		}
		return context;
	}

}
