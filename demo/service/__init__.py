"""catalog-service: fetches product data from upstream APIs and stores it."""
