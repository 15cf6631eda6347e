package io.ordersync.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin console for support staff: Hawtio ({@code io.hawt:hawtio-default} war) in an embedded Jetty 12 (ee10)
 * inside the runtime's JVM, where it sees the Camel MBeans (routes, diagrams, statistics) of this runtime.
 * <p>
 * The war is the classpath resource {@value #WAR_RESOURCE} (copied there at build time, so it is found alike in
 * {@code target/classes} and inside the fat jar); a copy inside a jar is written to a temporary directory first, and
 * Jetty unpacks it below that directory, which is deleted again on {@link #close()}.
 * <p>
 * Security: Hawtio's own login (JAAS realm {@value #REALM}) against the users of {@code ordersync.admin.users}; its
 * Jolokia endpoint ({@code /hawtio/jolokia}, which can read and invoke every MBean) refuses requests without a
 * valid session or Basic credentials (403). Hawtio's proxy to other Jolokia agents is switched off. Hawtio reads its
 * settings from {@code hawtio.*} system properties only, so they are set here for the whole JVM.
 */
public final class AdminConsole implements AutoCloseable {

    public static final String CONTEXT_PATH = "/hawtio";
    static final String WAR_RESOURCE = "/hawtio/hawtio.war";
    static final String REALM = "ordersync-admin";
    /** Hawtio's logout, below {@link #CONTEXT_PATH}. */
    static final String LOGOUT_PATH = "/auth/logout";
    /** Hawtio's login page, below {@link #CONTEXT_PATH}: where a logout leads. */
    static final String LOGIN_PATH = "/login";
    private static final String USERS_OPTION = "users";
    private static final Logger LOG = LoggerFactory.getLogger(AdminConsole.class);

    private final Server server;
    private final ServerConnector connector;
    private final Path workDir;

    private AdminConsole(Server server, ServerConnector connector, Path workDir) {
        this.server = server;
        this.connector = connector;
        this.workDir = workDir;
    }

    /**
     * Starts Hawtio and the support console ({@link SupportConsole}) on host:port (port 0: any free port).
     *
     * @param api the base URL of the runtime's API, which the support console calls as its users
     */
    public static AdminConsole start(String host, int port, AdminUsers users, java.util.function.Supplier<java.net.URI> api)
            throws Exception {
        // only operators may use Hawtio: its Jolokia can invoke any MBean
        Map<String, String> passwords = users.hawtioPasswords();
        configureHawtio();
        Path workDir = Files.createTempDirectory("ordersync-hawtio-");
        QueuedThreadPool threads = new QueuedThreadPool(20, 2);
        threads.setName("ordersync-admin");
        // never what keeps the JVM alive (Camel's main does)
        threads.setDaemon(true);
        Server server = new Server(threads);
        try {
            ServerConnector connector = new ServerConnector(server, 1, 1);
            connector.setHost(host);
            connector.setPort(port);
            server.addConnector(connector);

            WebAppContext hawtio = new WebAppContext();
            hawtio.setContextPath(CONTEXT_PATH);
            hawtio.setWar(war(workDir).toString());
            hawtio.setTempDirectory(workDir.resolve("webapp").toFile());
            hawtio.setThrowUnavailableOnStartupException(true);
            // Hawtio logs through the runtime's SLF4J/Logback instead of the log4j copy inside the war
            hawtio.getProtectedClassMatcher().add("org.slf4j.");
            hawtio.addFilter(new Logout(), LOGOUT_PATH, java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
            // Hawtio's page links to the support console (its own routes all render index.html, by forward)
            java.util.EnumSet<jakarta.servlet.DispatcherType> pageDispatches = java.util.EnumSet.of(
                    jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.FORWARD);
            hawtio.addFilter(new LinkToSupportConsole(), "/", pageDispatches);
            hawtio.addFilter(new LinkToSupportConsole(), "/index.html", pageDispatches);
            // an error answers its status and a short page, never a stack trace (the log has it)
            org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler hawtioErrors =
                    new org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler();
            hawtioErrors.setShowStacks(false);
            hawtio.setErrorHandler(hawtioErrors);
            AtomicReference<Exception> realmProblem = new AtomicReference<>(new IllegalStateException("not started"));
            hawtio.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarted(LifeCycle event) {
                    // before the connector opens: Jetty starts the handlers first
                    realmProblem.set(installRealm(hawtio, passwords));
                }
            });
            server.setHandler(new Handler.Sequence(hawtio, SupportConsole.context(users, api),
                    new RedirectRootToConsole()));
            org.eclipse.jetty.server.handler.ErrorHandler serverErrors = new org.eclipse.jetty.server.handler.ErrorHandler();
            serverErrors.setShowStacks(false);
            server.setErrorHandler(serverErrors);
            // Camel stops it (closeOnStop), after the routes
            server.setStopAtShutdown(false);
            try {
                server.start();
            } catch (IOException e) {
                throw new IllegalStateException("admin console: cannot listen on " + host + ":" + port
                        + " (ordersync.admin.host/port, ORDERSYNC_ADMIN_HOST/PORT): " + e.getMessage(), e);
            }
            if (realmProblem.get() != null) {
                throw new IllegalStateException("Hawtio login realm could not be installed", realmProblem.get());
            }
            AdminConsole console = new AdminConsole(server, connector, workDir);
            LOG.info("Admin console on {}: support console {}{}/, Hawtio {} for {} user(s) ({} operator(s))",
                    console.boundAddress(), console.rootUrl(), SupportConsole.CONTEXT_PATH.substring(1), console.url(),
                    users.size(), passwords.size());
            if (users.usesDemoPassword()) {
                LOG.warn("Admin console uses the demo password: set ORDERSYNC_ADMIN_USERS (user:password,...)");
            }
            return console;
        } catch (Exception | Error e) {
            try {
                server.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            deleteQuietly(workDir);
            throw e;
        }
    }

    /** Hawtio, e.g. {@code http://127.0.0.1:8081/hawtio/}. */
    public String url() {
        return rootUrl() + CONTEXT_PATH.substring(1) + "/";
    }

    /** The support console, e.g. {@code http://127.0.0.1:8081/console/}. */
    public String consoleUrl() {
        return rootUrl() + SupportConsole.CONTEXT_PATH.substring(1) + "/";
    }

    private String rootUrl() {
        InetSocketAddress address = boundAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/";
    }

    /** The address the admin port listens on. */
    public InetSocketAddress boundAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            deleteQuietly(workDir);
        }
    }

    private static void configureHawtio() {
        System.setProperty("hawtio.authenticationEnabled", "true");
        System.setProperty("hawtio.realm", REALM);
        // every configured user is an administrator: no role check
        System.setProperty("hawtio.roles", "");
        System.setProperty("hawtio.rolePrincipalClasses", "");
        // no Tomcat user file, no proxying to other Jolokia agents
        System.setProperty("hawtio.authenticationContainerDiscoveryClasses", "");
        System.setProperty("hawtio.disableProxy", "true");
    }

    /**
     * Gives Hawtio's authentication configuration (created by its context listener) our JAAS configuration, so no
     * JVM-wide JAAS setting is needed. Returns the problem, or null.
     */
    private static Exception installRealm(WebAppContext hawtio, Map<String, String> passwords) {
        try {
            Object authentication = hawtio.getServletContext().getAttribute("authenticationConfig");
            if (authentication == null) {
                return new IllegalStateException("Hawtio did not publish its authenticationConfig");
            }
            Configuration jaas = new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                    return !REALM.equals(name) ? null : new AppConfigurationEntry[] {new AppConfigurationEntry(
                            UsersLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                            Map.of(USERS_OPTION, Map.copyOf(passwords)))};
                }
            };
            authentication.getClass().getMethod("setConfiguration", Configuration.class).invoke(authentication, jaas);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static Path war(Path workDir) throws IOException {
        URL war = AdminConsole.class.getResource(WAR_RESOURCE);
        if (war == null) {
            throw new IllegalStateException("the Hawtio war (" + WAR_RESOURCE + ") is not on the classpath: it is "
                    + "copied there by the Maven build (generate-resources), run mvn package or process-resources");
        }
        if ("file".equals(war.getProtocol())) {
            try {
                return Path.of(war.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        Path copy = workDir.resolve("hawtio.war");
        try (InputStream in = war.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Could not delete {}", dir, e);
        }
    }

    /**
     * Hawtio's logout ({@code /hawtio/auth/logout}), done here. Hawtio's own logout servlet first asks the servlet
     * container to log out ({@code HttpServletRequest.logout()}), and Jetty refuses that with an exception when the
     * container did not authenticate the user - here it never does: Hawtio's login keeps the user in its HTTP session.
     * So the logout answered 500 with a stack trace and never reached the session, which stayed logged in. This ends
     * the session (the user's login with it), asks the browser to drop its cookies and cache for the console
     * ({@code Clear-Site-Data}, as Hawtio does) and leads to the login page.
     */
    static final class Logout implements jakarta.servlet.Filter {
        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws IOException {
            jakarta.servlet.http.HttpServletRequest http = (jakarta.servlet.http.HttpServletRequest) request;
            jakarta.servlet.http.HttpServletResponse answer = (jakarta.servlet.http.HttpServletResponse) response;
            jakarta.servlet.http.HttpSession session = http.getSession(false);
            if (session != null) {
                Object user = session.getAttribute("user");
                try {
                    session.invalidate();
                } catch (IllegalStateException alreadyInvalid) {
                    // ended meanwhile: nothing to end
                }
                LOG.info("Admin console: {} logged out", user == null ? "a session" : user);
            }
            answer.setHeader("Clear-Site-Data", "\"cache\", \"cookies\"");
            answer.setHeader("Cache-Control", "no-store");
            answer.sendRedirect(http.getContextPath() + LOGIN_PATH);
        }
    }

    /**
     * Adds the support console's link script ({@code /console/hawtio-link.js}) to Hawtio's page: a link in Hawtio's
     * header to the support console. Hawtio is a single page application whose every route is its index.html.
     */
    static final class LinkToSupportConsole implements jakarta.servlet.Filter {
        static final String SCRIPT = "<script src=\"" + SupportConsole.CONTEXT_PATH + "/hawtio-link.js\" defer></script>";

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
            jakarta.servlet.http.HttpServletResponse http = (jakarta.servlet.http.HttpServletResponse) response;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            jakarta.servlet.ServletOutputStream capture = new jakarta.servlet.ServletOutputStream() {
                @Override
                public void write(int b) {
                    captured.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    captured.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                    throw new UnsupportedOperationException("blocking only");
                }
            };
            java.io.PrintWriter writer = new java.io.PrintWriter(new java.io.OutputStreamWriter(capture,
                    StandardCharsets.UTF_8));
            jakarta.servlet.http.HttpServletResponseWrapper wrapper =
                    new jakarta.servlet.http.HttpServletResponseWrapper(http) {
                        @Override
                        public jakarta.servlet.ServletOutputStream getOutputStream() {
                            return capture;
                        }

                        @Override
                        public java.io.PrintWriter getWriter() {
                            return writer;
                        }

                        @Override
                        public void setContentLength(int length) {
                            // the page grows by the script
                        }

                        @Override
                        public void setContentLengthLong(long length) {
                        }

                        @Override
                        public void flushBuffer() {
                            writer.flush();
                        }
                    };
            chain.doFilter(request, wrapper);
            writer.flush();
            byte[] body = captured.toByteArray();
            String contentType = http.getContentType();
            if (contentType != null && contentType.startsWith("text/html")) {
                String page = new String(body, StandardCharsets.UTF_8);
                int head = page.indexOf("</head>");
                if (head >= 0 && !page.contains(SCRIPT)) {
                    body = (page.substring(0, head) + SCRIPT + page.substring(head)).getBytes(StandardCharsets.UTF_8);
                }
            }
            if (!http.isCommitted()) {
                http.setContentLength(body.length);
            }
            http.getOutputStream().write(body);
        }
    }

    /** {@code /} leads to the support console. */
    private static final class RedirectRootToConsole extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, org.eclipse.jetty.util.Callback callback) {
            if (!"/".equals(Request.getPathInContext(request))) {
                return false;
            }
            Response.sendRedirect(request, response, callback, SupportConsole.CONTEXT_PATH + "/");
            return true;
        }
    }

    /** The user of a successful admin login (Hawtio finds the user name by this simple class name). */
    public record UserPrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    /**
     * JAAS login module of realm {@value #REALM}: the user and password Hawtio's login form (or a Basic header on
     * Jolokia) supplies, checked against {@code ordersync.admin.users}. Public for JAAS, which instantiates it by name
     * from Hawtio's web application class loader (whose parent is the runtime's class loader).
     */
    public static final class UsersLoginModule implements LoginModule {
        private Subject subject;
        private CallbackHandler callbacks;
        private Map<String, String> passwords = Map.of();
        private UserPrincipal user;

        @Override
        @SuppressWarnings("unchecked")
        public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                               Map<String, ?> options) {
            this.subject = subject;
            this.callbacks = callbackHandler;
            Object users = options.get(USERS_OPTION);
            if (users instanceof Map<?, ?> map) {
                this.passwords = (Map<String, String>) map;
            }
        }

        @Override
        public boolean login() throws LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                callbacks.handle(new Callback[] {name, password});
            } catch (IOException | UnsupportedCallbackException e) {
                throw new LoginException("cannot read the credentials: " + e);
            }
            char[] given = password.getPassword();
            password.clearPassword();
            String expected = name.getName() == null ? null : passwords.get(name.getName());
            // compare even for an unknown user, so the answer time does not tell which users exist
            boolean ok = same(expected == null ? "\u0000unknown" : expected, given == null ? "" : new String(given))
                    && expected != null;
            if (!ok) {
                throw new FailedLoginException("user or password is wrong");
            }
            user = new UserPrincipal(name.getName());
            return true;
        }

        @Override
        public boolean commit() {
            if (user == null) {
                return false;
            }
            subject.getPrincipals().add(user);
            return true;
        }

        @Override
        public boolean abort() {
            user = null;
            return true;
        }

        @Override
        public boolean logout() {
            if (user != null) {
                subject.getPrincipals().remove(user);
                user = null;
            }
            return true;
        }

        private static boolean same(String a, String b) {
            return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        }
    }
}
