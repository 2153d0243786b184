package io.conduit.gateway.edge;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.conduit.gateway.proxy.ProxySettings;
import io.vertx.core.http.HttpServerRequest;

/**
 * The address of the client a request comes from, as the gateway tells the services (login throttling counts
 * failures per client). It is the peer of the connection, unless that peer is one of
 * {@code conduit.proxy.trusted-proxies} (addresses or CIDR ranges): then it is the nearest address in the
 * client's {@code X-Forwarded-For} that is not a trusted proxy. With no trusted proxies (the default), whatever a
 * client writes in {@code X-Forwarded-For} is ignored.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    ProxySettings settings;

    private List<Range> trusted;

    @PostConstruct
    void init() {
        trusted = settings.trustedProxies().orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).map(Range::parse).toList();
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> hops = request.headers().getAll("X-Forwarded-For").stream()
                .flatMap(h -> List.of(h.split(",")).stream()).map(String::strip).toList();
        String client = peer;
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            client = hops.get(i);
        }
        return client;
    }

    private boolean isTrusted(String address) {
        byte[] bytes = Range.literal(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    /** An address or a CIDR range, IPv4 or IPv6. */
    record Range(byte[] network, int prefix) {

        private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

        static Range parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("conduit.proxy.trusted-proxies: not an IP address or CIDR range: " + text);
            }
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Range(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int shift = address.length * 8 - prefix;
            return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }

        /** The bytes of an IP literal, or null for anything else (never a DNS lookup). */
        static byte[] literal(String text) {
            boolean ipv4 = IPV4.matcher(text).matches();
            boolean ipv6 = text.indexOf(':') >= 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
            if (!ipv4 && !ipv6) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
