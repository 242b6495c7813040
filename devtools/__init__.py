"""Tools that measure or try the built site (Lighthouse, a local nginx) or copy the project for a trial; the build
never imports them."""
