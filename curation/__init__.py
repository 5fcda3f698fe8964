"""Bureau work on schools' content: featured brands and cases on region portals, and the
submissions (报送) schools send up the region tree with the bureaus' decisions. Above
``schools`` and ``search``."""
