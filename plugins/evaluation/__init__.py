"""申报评审: the yearly brand evaluation and the provincial innovation award, as a plugin."""
