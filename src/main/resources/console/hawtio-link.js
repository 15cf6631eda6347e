// Loaded into Hawtio's page by the admin console: a link from Hawtio's header to the ordersync support console.
'use strict';
(function () {
  const link = document.createElement('a');
  link.id = 'ordersync-support-console';
  link.href = '/console/';
  link.textContent = 'ordersync support console';
  Object.assign(link.style, { position: 'fixed', top: '14px', right: '260px', zIndex: '1000', color: '#fff',
    background: '#1f3a5f', padding: '4px 10px', borderRadius: '3px', font: '14px system-ui, sans-serif',
    textDecoration: 'none', border: '1px solid #9fb3cc' });
  document.body.appendChild(link);
})();
