"""Tools that measure or try the built site (Lighthouse, a local nginx); the build never imports them."""
