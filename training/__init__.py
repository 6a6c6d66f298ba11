"""Scripts that rebuild pipeline/models/id_ner and measure NER quality (make train-ner-id, eval-ner)."""
