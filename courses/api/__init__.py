"""The token-authenticated JSON API for ORE automation under /api/ (packages: import, items,
launch URLs, waivers, abandoned sessions, registration results), with an OpenAPI document."""
